import { CollectorError } from '../../core/errors.js';

/**
 * Sorts SDK errors into the few that stop a collection (no credentials, an expired token, an
 * unreachable endpoint: nothing else can succeed either) and everything else, which becomes a
 * diagnostic for one region and API while the rest of the sweep continues.
 */

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  errors?: { code?: string }[];
  hostname?: string;
  address?: string;
  port?: number;
}

function networkCode(error: SdkErrorLike): string | undefined {
  const code = error.code ?? error.errors?.find((e) => e.code)?.code;
  return code !== undefined && NETWORK.has(code) ? code : undefined;
}

/** The provider error code (`AccessDeniedException`, `UnauthorizedOperation`) of an SDK error. */
export function errorCode(error: unknown): string {
  const e = error as SdkErrorLike;
  return networkCode(e) ?? e.name ?? 'Error';
}

export function errorMessage(error: unknown): string {
  const message = (error as SdkErrorLike).message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

const CREDENTIAL_HINT = 'run `aws configure`, set AWS_PROFILE (or pass --profile), or run `aws sso login`';

/**
 * The CollectorError for an error that makes the whole collection pointless, or undefined when
 * the error only concerns one region or API. `where` names what was being called; `endpoint`
 * is the configured endpoint URL, if any, for unreachable-endpoint messages.
 */
export function fatalError(error: unknown, where: string, endpoint: string | undefined): CollectorError | undefined {
  const e = error as SdkErrorLike;
  const name = e.name ?? '';
  const message = errorMessage(error);
  if (EXPIRED.has(name) || (name === 'CredentialsProviderError' && /expired/i.test(message))) {
    return new CollectorError(`the AWS session token has expired (${name}: ${message})`, {
      where,
      hint: 'run `aws sso login` (or refresh the credentials of this profile) and try again',
      cause: error,
    });
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new CollectorError('no AWS credentials found', { where, hint: CREDENTIAL_HINT, cause: error });
  }
  const network = networkCode(e);
  if (network !== undefined || name === 'TimeoutError') {
    const target = endpoint ?? (e.hostname ? e.hostname : e.address ? `${e.address}:${e.port ?? ''}` : where);
    return new CollectorError(`cannot reach the AWS endpoint (${network ?? name}: ${message})`, {
      where: target,
      hint: 'check the network, the region, and AWS_ENDPOINT_URL if it is set',
      cause: error,
    });
  }
  return undefined;
}

/** Errors that mean the credentials themselves were rejected: fatal where the sweep starts. */
export function isCredentialRejection(error: unknown): boolean {
  const name = (error as SdkErrorLike).name ?? '';
  return name === 'AuthFailure' || name === 'InvalidClientTokenId' || name === 'UnrecognizedClientException' || name === 'SignatureDoesNotMatch';
}

export function rejectedCredentials(error: unknown, where: string): CollectorError {
  return new CollectorError(`AWS rejected the credentials (${errorCode(error)}: ${errorMessage(error)})`, {
    where,
    hint: CREDENTIAL_HINT,
    cause: error,
  });
}
