import type { LanguageFolder } from "../kind.js";
import { POSITIONS } from "./positions.js";

/** Configuration files: env, Dockerfile, YAML, JSON (and JSON Lines), TOML (docs/file-kinds.md). */
export const config: LanguageFolder = {
  name: "config",
  positions: POSITIONS,
  kinds: [
    {
      name: "env",
      description: "env files",
      extensions: [".env"],
      // `.env`, `.env.local`, and templates without the leading dot (`cp env.example .env`).
      patterns: [/^\.env(?:\.[^.]+)*$/, /^env\.(?:example|sample|template|dist|defaults?|local|dev|development|prod|production|staging|test)$/],
      fences: [{ names: ["env", "dotenv"], suffix: "/.env" }],
      load: async () => (await import("./env.js")).adapter,
    },
    {
      name: "dockerfile",
      description: "Dockerfiles",
      extensions: [".dockerfile"],
      filenames: ["Dockerfile", "Containerfile"],
      patterns: [/^(?:Dockerfile|Containerfile|dockerfile)\.[^.]+$/],
      fences: [{ names: ["dockerfile", "docker", "containerfile"], suffix: "/Dockerfile" }],
      load: async () => (await import("./dockerfile.js")).adapter,
    },
    {
      name: "yaml",
      description: "YAML",
      extensions: [".yaml", ".yml"],
      fences: [{ names: ["yaml", "yml"], suffix: ".yaml" }],
      load: async () => (await import("./yaml.js")).adapter,
    },
    {
      name: "json",
      description: "JSON",
      // HTTP archives (browser exports, Polly.js recordings): JSON whose "response" entries are history.
      extensions: [".json", ".jsonc", ".har"],
      fences: [{ names: ["json", "jsonc"], suffix: ".json" }],
      load: async () => (await import("./json.js")).adapter,
    },
    {
      name: "jsonl",
      description: "JSON Lines",
      extensions: [".jsonl", ".ndjson"],
      fences: [{ names: ["jsonl", "ndjson"], suffix: ".jsonl" }],
      load: async () => (await import("./json.js")).jsonlAdapter,
    },
    {
      name: "toml",
      description: "TOML",
      extensions: [".toml"],
      filenames: ["Pipfile"],
      fences: [{ names: ["toml"], suffix: ".toml" }],
      load: async () => (await import("./toml.js")).adapter,
    },
  ],
};
