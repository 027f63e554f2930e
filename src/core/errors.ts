/** A usage, configuration or I/O problem that stops the run: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
