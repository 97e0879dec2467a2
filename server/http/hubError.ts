/** An error the hub answers with a 4xx and a message the caller can act on. */
export class HubError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}
