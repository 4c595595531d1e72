/** A config problem, with the dotted field path and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}
