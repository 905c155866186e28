/** A mistake in what a user asked for, naming the option at fault so the answer can say what to fix. */
export class DigestInputError extends Error {
  constructor(
    /** The command option the message is about, e.g. "timezone". */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'DigestInputError';
  }
}
