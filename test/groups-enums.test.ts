/**
 * String-backed enums and the strings converted into them (docs/groups.md): a PHP endpoint's default
 * `?string $modelId = 'deepseek-chat'` and a test's `->setModel('deepseek-chat')` both reach
 * `DeepseekAiModelsEnum::tryFrom($model)`, whose cases cannot both be renamed (both would become
 * deepseek-v4-flash, a duplicate value). Renamed alone, the strings no longer convert and the
 * endpoint throws. Seen in webboy/deepseek.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const ENUM = (cases: string) => `<?php

namespace Acme\\Deepseek\\Enums;

enum ModelsEnum: string
{
${cases}
}
`;

const BOTH = "    case CHAT = 'deepseek-chat';\n    case REASONER = 'deepseek-reasoner';";

const ENDPOINT = `<?php

namespace Acme\\Deepseek\\Endpoints;

use Acme\\Deepseek\\Enums\\ModelsEnum;

class ChatEndpoint
{
    protected ModelsEnum $model;

    public function __construct(?string $modelId = 'deepseek-chat')
    {
        $this->setModel($modelId);
    }

    public function setModel(?string $model = null): self
    {
        $this->model = ModelsEnum::tryFrom($model) ?? throw new \\InvalidArgumentException($model);
        return $this;
    }
}
`;

const TEST = `<?php

namespace Acme\\Deepseek\\Tests;

use Acme\\Deepseek\\Endpoints\\ChatEndpoint;
use PHPUnit\\Framework\\TestCase;

class ChatEndpointTest extends TestCase
{
    public function testEndpoint(): void
    {
        $endpoint = (new ChatEndpoint())->setModel('deepseek-chat');
        $this->assertInstanceOf(ChatEndpoint::class, $endpoint);
    }
}
`;

const tree = (cases: string) => ({
  "composer.json": '{"autoload": {"psr-4": {"Acme\\\\Deepseek\\\\": "src/"}}}\n',
  "src/Enums/ModelsEnum.php": ENUM(cases),
  "src/Endpoints/ChatEndpoint.php": ENDPOINT,
  "tests/ChatEndpointTest.php": TEST,
});

describe.concurrent("a string-backed enum and the strings of its IDs in the project", () => {
  it("an enum whose cases stay (a rename would duplicate them) keeps the endpoint's default and the test's value unsafe", async () => {
    const [endpoint] = await findingsOf(tree(BOTH), "src/Endpoints/ChatEndpoint.php", "deepseek-chat");
    expect(endpoint!.fix).toBe("unsafe");
    expect(endpoint!.advice).toContain("`src/Enums/ModelsEnum.php:7`");
    const [test] = await findingsOf(tree(BOTH), "tests/ChatEndpointTest.php", "deepseek-chat");
    expect(test!.fix).toBe("unsafe");
  });

  it("control: an enum renamed with them (one case, no duplicate) leaves all three safe", async () => {
    const files = tree("    case CHAT = 'deepseek-chat';");
    for (const file of ["src/Enums/ModelsEnum.php", "src/Endpoints/ChatEndpoint.php", "tests/ChatEndpointTest.php"]) {
      const [f] = await findingsOf(files, file, "deepseek-chat");
      expect(f!.fix, file).toBe("safe");
    }
  });

  it("control: a value in another project (its own composer.json) keeps its class", async () => {
    const files = { ...tree(BOTH), "tools/cli/composer.json": "{}\n", "tools/cli/run.php": "<?php\n$client->chat(model: 'deepseek-chat');\n" };
    const [f] = await findingsOf(files, "tools/cli/run.php", "deepseek-chat");
    expect(f!.fix).toBe("safe");
  });
});

/**
 * Expected text: a test's serialized body compared with what the project's code writes (a Java
 * client's constant). Renaming the constant alone makes the test fail after --write; the two are
 * renamed together or not at all.
 */
const CLIENT = `package x;

public class Client {
    public static final String MODEL = "deepseek-chat";

    public String body(String prompt) {
        return "{\\"model\\":\\"" + MODEL + "\\",\\"prompt\\":\\"" + prompt + "\\"}";
    }
}
`;
const SERIALIZATION_TEST = `package x;

import static org.assertj.core.api.Assertions.assertThat;

class SerializationTest {
    @org.junit.jupiter.api.Test
    void body() {
        assertThat(new Client().body("hi")).isEqualTo("{\\"model\\":\\"deepseek-chat\\",\\"prompt\\":\\"hi\\"}");
    }
}
`;
const javaTree = { "pom.xml": "<project/>\n", "src/main/java/x/Client.java": CLIENT, "src/test/java/x/SerializationTest.java": SERIALIZATION_TEST };

describe.concurrent("expected text and the code that writes it", () => {
  it("a test's expected body ties the project's constant of the same ID: both unsafe", async () => {
    const [expected] = await findingsOf(javaTree, "src/test/java/x/SerializationTest.java", "deepseek-chat");
    expect(expected!.position).toBe("lexical/expected-text");
    const [constant] = await findingsOf(javaTree, "src/main/java/x/Client.java", "deepseek-chat");
    expect(constant!.fix).toBe("unsafe");
    expect(constant!.advice).toContain("SerializationTest.java");
  });

  it("control: without the test, and in another project, the constant stays safe", async () => {
    const alone = { "pom.xml": "<project/>\n", "src/main/java/x/Client.java": CLIENT };
    expect((await findingsOf(alone, "src/main/java/x/Client.java", "deepseek-chat"))[0]!.fix).toBe("safe");
    const apart = { ...javaTree, "tools/pom.xml": "<project/>\n", "tools/src/main/java/x/Client.java": CLIENT };
    expect((await findingsOf(apart, "tools/src/main/java/x/Client.java", "deepseek-chat"))[0]!.fix).toBe("safe");
  });
});

/**
 * An assertion in a test of a language whose imports the groups do not follow (a Rust crate's
 * `tests/`, which reaches the crate by its name): `assert_eq!(DeepSeekModel::DeepSeekChat.as_str(),
 * "deepseek-chat")` checks what the crate's `match` gives. Renaming the arm alone makes the test fail
 * after --write. Seen in dnw3/synaptic.
 */
const MODEL_RS = `pub enum DeepSeekModel {
    DeepSeekChat,
    Custom(String),
}
impl DeepSeekModel {
    pub fn as_str(&self) -> &str {
        match self {
            DeepSeekModel::DeepSeekChat => "deepseek-chat",
            DeepSeekModel::Custom(s) => s.as_str(),
        }
    }
}
`;
const ASSERT_RS = `use synaptic_deepseek::DeepSeekModel;

#[test]
fn test_model_enum_as_str() {
    assert_eq!(
        DeepSeekModel::DeepSeekChat.as_str(),
        "deepseek-chat"
    );
}
`;
const crate = (test: string) => ({ "Cargo.toml": '[package]\nname = "synaptic-deepseek"\n', "src/lib.rs": MODEL_RS, "tests/model.rs": test });

describe.concurrent("an assertion in a test and the code of its project", () => {
  it("a Rust test's assert_eq! over several lines ties the crate's match arm: both unsafe", async () => {
    const [arm] = await findingsOf(crate(ASSERT_RS), "src/lib.rs", "deepseek-chat");
    expect(arm!.fix).toBe("unsafe");
    expect(arm!.advice).toContain("`tests/model.rs:7`");
  });

  it("control: a test that only passes the ID (no assertion on it) leaves the arm safe", async () => {
    const passes = ASSERT_RS.replace(/assert_eq!\(\n\s+DeepSeekModel::DeepSeekChat\.as_str\(\),\n\s+"deepseek-chat"\n\s+\);/, 'let _m = DeepSeekModel::Custom(String::from("deepseek-chat"));');
    expect(passes).not.toContain("assert_eq");
    const [arm] = await findingsOf(crate(passes), "src/lib.rs", "deepseek-chat");
    expect(arm!.fix).toBe("safe");
  });

  it("control: a test that supplies the ID itself and asserts it back checks its own value: the arm stays safe", async () => {
    const own = ASSERT_RS.replace("    assert_eq!(", '    let custom = DeepSeekModel::Custom(String::from("deepseek-chat"));\n    assert_eq!(custom.as_str(), "deepseek-chat");\n    assert_eq!(');
    const [arm] = await findingsOf(crate(own), "src/lib.rs", "deepseek-chat");
    expect(arm!.fix).toBe("safe");
  });
});
