/**
 * Options for every SDK request of a collection: `client.send(command, options)`, and the
 * paginators pass them on to the request of each page. An aborted signal (Ctrl-C during
 * `collect`) cancels the requests in flight instead of waiting for them.
 */
export interface CallOptions {
  abortSignal?: AbortSignal | undefined;
}
