/** The package's one redactor lives in `contract/redact.ts`, where the connectivity flows and the emulator reach it too. */
export { redactSecrets, REDACTED } from "../../contract/redact";
