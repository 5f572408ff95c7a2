// Typed errors thrown by services. They are mapped to HTTP in exactly one place (error-handler.ts).
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string): AppError => new AppError(400, code, message);
export const unauthenticated = (message = 'Sign in first.'): AppError =>
  new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You do not have permission to do that.'): AppError =>
  new AppError(403, 'forbidden', message);
export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string): AppError => new AppError(409, code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number): AppError =>
  new AppError(429, 'rate_limited', message, { 'retry-after': String(retryAfterSeconds) });
