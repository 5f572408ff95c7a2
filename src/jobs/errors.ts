/** Thrown by a job handler when retrying cannot help (bad payload, permanent platform refusal). */
export class PermanentJobError extends Error {}

/** Thrown by a job handler that must wait a known time (e.g. a platform's rate-limit reset). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAt: number,
  ) {
    super(message);
  }
}
