/**
 * A test that replays a cassette (docs/groups.md): a Go test sends `model: "deepseek-chat"` through a
 * go-vcr recorder whose cassette under the package's `testdata/` recorded that request, body
 * included. go-vcr's default matcher compares bodies, so renaming the test's value alone makes the
 * replay find no interaction and the test fail; the cassette's request is history (none). The value
 * is lowered to unsafe with advice that names the cassette. Seen in maruel/genai.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const GO_TEST = `package openaicompatible

import "testing"

type provider struct {
	chatURL string
	model   string
}

var providers = map[string]provider{
	"deepseek": {
		chatURL: "https://api.deepseek.com/chat/completions",
		model:   "deepseek-chat",
	},
}

func TestClient(t *testing.T) {
	for name, p := range providers {
		t.Run(name, func(t *testing.T) { _ = p })
	}
}
`;

const CASSETTE = (id: string) => `---
version: 2
interactions:
    - id: 0
      request:
        host: api.deepseek.com
        body: |
            {"model":"${id}","messages":[{"role":"user","content":"Say hello."}]}
        url: https://api.deepseek.com/chat/completions
        method: POST
      response:
        body: '{"id":"x","object":"chat.completion","model":"${id}","choices":[]}'
        code: 200
`;

const testFinding = async (files: Record<string, string>) => (await findingsOf(files, "providers/openaicompatible/client_test.go"))[0]!;

describe.concurrent("a test beside a cassette that recorded its request", () => {
  it("the test's value is unsafe, and the advice names the cassette", async () => {
    const f = await testFinding({
      "providers/openaicompatible/client_test.go": GO_TEST,
      "providers/openaicompatible/testdata/TestClient/deepseek.yaml": CASSETTE("deepseek-chat"),
      "providers/other/testdata/TestClient/deepseek.yaml": CASSETTE("deepseek-chat"),
    });
    expect(f.fix).toBe("unsafe");
    expect(f.advice).toContain("`providers/openaicompatible/testdata/TestClient/deepseek.yaml:8`");
  });

  it("control: a cassette that recorded another ID leaves the value safe", async () => {
    const f = await testFinding({
      "providers/openaicompatible/client_test.go": GO_TEST,
      "providers/openaicompatible/testdata/TestClient/deepseek.yaml": CASSETTE("deepseek-reasoner"),
    });
    expect(f.fix).toBe("safe");
  });

  it("control: a cassette in another top-level folder leaves the value safe", async () => {
    const f = await testFinding({
      "providers/openaicompatible/client_test.go": GO_TEST,
      "recordings/deepseek.yaml": CASSETTE("deepseek-chat"),
    });
    expect(f.fix).toBe("safe");
  });
});
