/**
 * Tests of a package-structured language whose package branches on the model ID (docs/groups.md,
 * tests that pin a branch): a Dart test under `test/` passes `modelId: 'deepseek-reasoner'` to a
 * policy whose class, in the package's `lib/` and reached through classes the test's imports do not
 * name, tests `modelId.contains('reasoner')`. Renamed, the ID no longer contains "reasoner" and the
 * test's expectations fail. Seen in Latias94/llm_dart. The same for a Go test and its package's folder.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const PUBSPEC = "name: llm_openai\nversion: 0.1.0\n";

const POLICY = (check: string) => `class DeepSeekPolicy {
  const DeepSeekPolicy();

  void applyCompatibilityRules({required String modelId, required Map<String, Object?> body}) {
    if (!${check}) {
      return;
    }
    body.remove('logprobs');
  }
}
`;

const DART_TEST = `import 'package:llm_openai/llm_openai.dart';
import 'package:test/test.dart';

void main() {
  test('drops unsupported reasoner fields', () {
    final body = <String, Object?>{'logprobs': true};
    const DeepSeekProfile().policy.applyCompatibilityRules(
      modelId: 'deepseek-reasoner',
      body: body,
    );
    expect(body, isEmpty);
  });
}
`;

const dartTree = (check: string) => ({
  "packages/llm_openai/pubspec.yaml": PUBSPEC,
  "packages/llm_openai/lib/llm_openai.dart": "export 'src/profile.dart';\n",
  "packages/llm_openai/lib/src/profile.dart": "import 'policy.dart';\n\nclass DeepSeekProfile {\n  const DeepSeekProfile();\n  DeepSeekPolicy get policy => const DeepSeekPolicy();\n}\n",
  "packages/llm_openai/lib/src/policy.dart": POLICY(check),
  "packages/llm_openai/test/policy_test.dart": DART_TEST,
});

const GO_SERVICE = (check: string) => `package chat

func thinking(model string) bool {
	return ${check}
}
`;

const GO_TEST = `package chat

import "testing"

func TestThinking(t *testing.T) {
	model := "deepseek-reasoner"
	if !thinking(model) {
		t.Fatal("the reasoner thinks")
	}
}
`;

describe.concurrent("tests of a package that branches on a part of the model ID", () => {
  it("Dart: a test under test/ of a package whose lib/ tests contains('reasoner') is unsafe, the advice names the file", async () => {
    const [f] = await findingsOf(dartTree("modelId.contains('reasoner')"), "packages/llm_openai/test/policy_test.dart");
    expect(f!.fix).toBe("unsafe");
    expect(f!.advice).toContain("`packages/llm_openai/lib/src/policy.dart`, in the package it tests) branches on the model ID (line 5)");
  });

  it("control: a package that branches on nothing leaves the test's value safe", async () => {
    const [f] = await findingsOf(dartTree("modelId.isNotEmpty"), "packages/llm_openai/test/policy_test.dart");
    expect(f!.fix).toBe("safe");
  });

  it("Go: a test (named after no file) beside a file of its package that tests strings.Contains(model, \"reasoner\") is unsafe", async () => {
    const files = { "chat/thinking.go": GO_SERVICE('strings.Contains(model, "reasoner")'), "chat/service_test.go": GO_TEST };
    const [f] = await findingsOf(files, "chat/service_test.go");
    expect(f!.fix).toBe("unsafe");
    const control = { "chat/thinking.go": GO_SERVICE('model != ""'), "chat/service_test.go": GO_TEST };
    expect((await findingsOf(control, "chat/service_test.go"))[0]!.fix).toBe("safe");
  });
});
