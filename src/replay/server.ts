import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderEc2Error, renderEc2Response, escapeXml } from './ec2-xml.js';
import { LIST_KEYS, loadEstate, type RecordedEstate } from './estate.js';
import { ELBV2, RDS, renderQueryError, renderQueryResponse, type QueryService } from './query-xml.js';

/**
 * A local AWS endpoint that replays a recorded estate (see estate.ts) in the real wire
 * protocols: awsJson1_1 for the Resource Groups Tagging API, EC2 query/XML, RDS DescribeDBInstances
 * and ELBv2 DescribeLoadBalancers (awsQuery), and STS AssumeRole (awsQuery) for `--role-arn`. The real SDK clients (and the aws CLI) talk to it over HTTP.
 * Used by the tests and by `faultline demo`. It serves only read-only APIs, like AWS would to
 * faultline's minimal IAM policy, and logs every request so tests can assert what was called.
 */

/** Matches requests by API (`ec2:DescribeInstances` or `DescribeInstances`), region and account; unset matches all. */
export interface FaultMatch {
  api?: string;
  region?: string;
  account?: string;
}

/** Injectable faults. */
export interface ReplayFaults {
  /** Delay before every answer (to measure parallel collection). */
  latencyMs?: number;
  /**
   * Throttle the first `times` matching requests: ThrottledException (HTTP 400) for tagging,
   * RequestLimitExceeded (HTTP 503) for EC2, Throttling (HTTP 400) for RDS and ELBv2.
   */
  throttle?: (FaultMatch & { times: number })[];
  /** Deny matching requests: AccessDeniedException (tagging), UnauthorizedOperation (EC2) or AccessDenied (RDS, ELBv2), as an SCP would. */
  deny?: FaultMatch[];
  /** Every request fails as signed with an expired session token. */
  expiredToken?: boolean;
}

export interface ReplayOptions {
  /** A folder `fixtures/aws/<estate>`. */
  estateDir: string;
  faults?: ReplayFaults;
  /** Most items per page, whatever the client asks (forces pagination in tests). */
  pageSize?: number;
}

/** One request as the server saw it. */
export interface RequestLogEntry {
  /** `tagging`, `ec2`, `rds` or `sts` */
  service: string;
  /** `GetResources`, `DescribeInstances`, `AssumeRole` */
  action: string;
  /** `tagging:GetResources` */
  api: string;
  region: string;
  account: string;
  status: number;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>`: give it to the SDK as `endpoint` or AWS_ENDPOINT_URL. */
  url: string;
  /** The requests answered, in the order they were answered. */
  requests: RequestLogEntry[];
  /** Requests received and not answered yet (they wait out `latencyMs` here). */
  readonly pending: number;
  close(): Promise<void>;
}

const TAGGING_TARGET = 'ResourceGroupsTaggingAPI_20170126.';
/** Assumed-role access keys carry their account, so one port serves many accounts. */
const ASSUMED_KEY = /^ASIAREPLAY(\d{12})$/;
const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export async function startReplayServer(options: ReplayOptions): Promise<ReplayServer> {
  const estate = await loadEstate(options.estateDir);
  // Render every EC2 fixture once, so a fixture the renderer cannot express fails here, loudly.
  for (const regions of estate.accounts.values()) {
    for (const apis of regions.values()) {
      for (const [api, data] of apis) {
        const query = QUERY_LISTS[api]?.service;
        if (query !== undefined) renderQueryResponse(query, api, data, 'check');
        else if (api !== 'GetResources') renderEc2Response(api, data, 'check');
      }
    }
  }
  const faults = options.faults ?? {};
  const throttleLeft = (faults.throttle ?? []).map((rule) => rule.times);
  const requests: RequestLogEntry[] = [];
  let pending = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const scope = CREDENTIAL_SCOPE.exec(String(req.headers.authorization ?? ''));
    const accessKey = scope?.[1] ?? '';
    const region = scope?.[2] ?? 'us-east-1';
    const account = ASSUMED_KEY.exec(accessKey)?.[1] ?? estate.defaultAccount;
    const target = req.headers['x-amz-target'];
    let entry: RequestLogEntry;
    let answer: Answer;
    if (typeof target === 'string') {
      const action = target.startsWith(TAGGING_TARGET) ? target.slice(TAGGING_TARGET.length) : target;
      entry = { service: 'tagging', action, api: `tagging:${action}`, region, account, status: 0 };
      answer = answerTagging(estate, entry, body);
    } else {
      const form = new URLSearchParams(body);
      const action = form.get('Action') ?? '';
      // RDS and EC2 both POST a form to `/`: the SigV4 scope (or the API version) tells them apart.
      // RDS, ELBv2 and EC2 all POST a form to `/`: the SigV4 scope (or the API version) tells them apart.
      const version = form.get('Version');
      const service =
        action === 'AssumeRole'
          ? 'sts'
          : scope?.[3] === 'rds' || version === RDS.version
            ? 'rds'
            : scope?.[3] === 'elasticloadbalancing' || version === ELBV2.version
              ? 'elasticloadbalancing'
              : 'ec2';
      entry = { service, action, api: `${service}:${action}`, region, account, status: 0 };
      answer =
        service === 'sts'
          ? answerAssumeRole(form)
          : service === 'rds'
            ? answerQueryList(RDS, entry, form)
            : service === 'elasticloadbalancing'
              ? answerQueryList(ELBV2, entry, form)
              : answerEc2(estate, entry, form);
    }
    const fault = faultFor(entry);
    if (fault !== undefined) answer = fault;
    if (faults.latencyMs) {
      pending++;
      await sleep(faults.latencyMs).finally(() => pending--);
    }
    entry.status = answer.status;
    requests.push(entry);
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'x-amzn-requestid': randomUUID() });
    res.end(answer.body);
  };

  const faultFor = (entry: RequestLogEntry): Answer | undefined => {
    if (entry.service === 'sts') return undefined;
    const matches = (rule: FaultMatch): boolean =>
      (rule.api === undefined || rule.api === entry.api || rule.api === entry.action) &&
      (rule.region === undefined || rule.region === entry.region) &&
      (rule.account === undefined || rule.account === entry.account);
    const query = QUERY_SERVICES[entry.service];
    if (faults.expiredToken) {
      if (query !== undefined) return queryError(query, 403, 'ExpiredToken', 'The security token included in the request is expired');
      return entry.service === 'tagging'
        ? jsonError(400, 'ExpiredTokenException', 'The security token included in the request is expired')
        : ec2Error(400, 'ExpiredToken', 'The provided token has expired.');
    }
    if ((faults.deny ?? []).some(matches)) {
      const denied = `User is not authorized to perform: ${entry.api} with an explicit deny in a service control policy`;
      if (query !== undefined) return queryError(query, 403, 'AccessDenied', denied);
      return entry.service === 'tagging'
        ? jsonError(400, 'AccessDeniedException', denied)
        : ec2Error(403, 'UnauthorizedOperation', `You are not authorized to perform this operation. ${denied}`);
    }
    const rules = faults.throttle ?? [];
    for (let i = 0; i < rules.length; i++) {
      if (throttleLeft[i]! > 0 && matches(rules[i]!)) {
        throttleLeft[i]!--;
        if (query !== undefined) return queryError(query, 400, 'Throttling', 'Rate exceeded');
        return entry.service === 'tagging'
          ? jsonError(400, 'ThrottledException', 'Rate exceeded')
          : ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.');
      }
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`replay server error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get pending() {
      return pending;
    },
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        // Keep-alive sockets from SDK clients would hold close() open forever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolvePromise()));
      }),
  };

  function page(api: string, data: Record<string, unknown> | undefined, token: string | null, requested: number, fallback: number) {
    const listKey = LIST_KEYS[api]!;
    const all = (data?.[listKey] as unknown[] | undefined) ?? [];
    const start = token ? Number.parseInt(Buffer.from(token, 'base64').toString('utf8'), 10) : 0;
    let size = Number.isFinite(requested) && requested > 0 ? requested : fallback;
    if (options.pageSize !== undefined) size = Math.min(size, options.pageSize);
    const items = all.slice(start, start + size);
    const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
    return { listKey, items, next, badToken: Number.isNaN(start) || start < 0 || start > all.length };
  }

  function regionData(entry: RequestLogEntry): Map<string, Record<string, unknown>> | undefined {
    return estate.accounts.get(entry.account)?.get(entry.region);
  }

  function answerTagging(estateArg: RecordedEstate, entry: RequestLogEntry, body: string): Answer {
    if (entry.action !== 'GetResources') return jsonError(400, 'UnknownOperationException', `unknown operation ${entry.action}`);
    const apis = regionData(entry);
    if (apis === undefined || !estateArg.accounts.has(entry.account)) {
      return jsonError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    let input: { PaginationToken?: string; ResourcesPerPage?: number };
    try {
      input = JSON.parse(body || '{}') as typeof input;
    } catch {
      return jsonError(400, 'SerializationException', 'request body is not JSON');
    }
    const p = page('GetResources', apis.get('GetResources'), input.PaginationToken || null, input.ResourcesPerPage ?? 100, 100);
    if (p.badToken) return jsonError(400, 'InvalidParameterException', 'invalid PaginationToken');
    // The real service ends with an empty-string token, not a missing one.
    return { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ PaginationToken: p.next ?? '', [p.listKey]: p.items }) };
  }

  /** A paginated awsQuery list API (QUERY_LISTS): its page size limits and errors, Marker in, its marker out. */
  function answerQueryList(service: QueryService, entry: RequestLogEntry, form: URLSearchParams): Answer {
    const list = QUERY_LISTS[entry.action];
    if (list === undefined || list.service !== service) {
      return queryError(service, 400, 'InvalidAction', `The action ${entry.action} is not valid for this web service.`);
    }
    const apis = regionData(entry);
    if (apis === undefined) return queryError(service, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    const raw = form.get(list.limit);
    const requested = raw === null ? list.max : Number(raw);
    if (!Number.isInteger(requested) || requested < list.min || requested > list.max) return queryError(service, 400, list.invalid.code, list.invalid.limit(raw));
    const p = page(entry.action, apis.get(entry.action), form.get('Marker'), requested, list.max);
    if (p.badToken) return queryError(service, 400, list.invalid.code, list.invalid.marker);
    const result: Record<string, unknown> = { [p.listKey]: p.items };
    if (p.next !== undefined) result[list.nextMarker] = p.next;
    return { status: 200, contentType: 'text/xml', body: renderQueryResponse(service, entry.action, result, randomUUID()) };
  }

  function answerEc2(estateArg: RecordedEstate, entry: RequestLogEntry, form: URLSearchParams): Answer {
    const requestId = randomUUID();
    if (!(entry.action in LIST_KEYS) || entry.action === 'GetResources' || entry.action in QUERY_LISTS) {
      return ec2Error(400, 'InvalidAction', `The action ${entry.action} is not valid for this web service.`);
    }
    const regions = estateArg.accounts.get(entry.account);
    const apis = regionData(entry);
    if (regions === undefined || (apis === undefined && entry.action !== 'DescribeRegions')) {
      return ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    }
    // Default regions (us-east-1) answer DescribeRegions even where the estate has nothing.
    if (entry.action === 'DescribeRegions') {
      const list = [...regions.keys()].map((name) => ({ RegionName: name, Endpoint: `ec2.${name}.amazonaws.com`, OptInStatus: 'opt-in-not-required' }));
      return { status: 200, contentType: 'text/xml;charset=UTF-8', body: renderEc2Response('DescribeRegions', { Regions: list }, requestId) };
    }
    if (entry.action === 'DescribeAvailabilityZones') {
      return { status: 200, contentType: 'text/xml;charset=UTF-8', body: renderEc2Response(entry.action, { AvailabilityZones: apis!.get(entry.action)?.AvailabilityZones ?? [] }, requestId) };
    }
    const p = page(entry.action, apis!.get(entry.action), form.get('NextToken'), Number(form.get('MaxResults') ?? NaN), 1000);
    if (p.badToken) return ec2Error(400, 'InvalidNextToken', 'The specified token is invalid.');
    const result: Record<string, unknown> = { [p.listKey]: p.items };
    if (p.next !== undefined) result.NextToken = p.next;
    return { status: 200, contentType: 'text/xml;charset=UTF-8', body: renderEc2Response(entry.action, result, requestId) };
  }
}

function answerAssumeRole(form: URLSearchParams): Answer {
  const roleArn = form.get('RoleArn') ?? '';
  const account = roleArn.split(':')[4] ?? '';
  if (!/^\d{12}$/.test(account)) {
    return {
      status: 400,
      contentType: 'text/xml',
      body: `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>invalid RoleArn ${escapeXml(roleArn)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    };
  }
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  const session = escapeXml(form.get('RoleSessionName') ?? 'faultline');
  return {
    status: 200,
    contentType: 'text/xml',
    body:
      '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>' +
      `<AccessKeyId>ASIAREPLAY${account}</AccessKeyId><SecretAccessKey>replay</SecretAccessKey><SessionToken>replay-session</SessionToken>` +
      `<Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAREPLAY:${session}</AssumedRoleId>` +
      `<Arn>arn:aws:sts::${account}:assumed-role/${escapeXml(roleArn.split('/').pop() ?? '')}/${session}</Arn></AssumedRoleUser>` +
      `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  };
}

function jsonError(status: number, type: string, message: string): Answer {
  return { status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: type, Message: message }) };
}

function queryError(service: QueryService, status: number, code: string, message: string): Answer {
  return { status, contentType: 'text/xml', body: renderQueryError(service, status >= 500 ? 'Receiver' : 'Sender', code, message, randomUUID()) };
}

/** The awsQuery services replayed (STS aside), by the service name of their requests. */
const QUERY_SERVICES: Partial<Record<string, QueryService>> = { rds: RDS, elasticloadbalancing: ELBV2 };

/** How each replayed awsQuery list API pages, as its API reference documents and the service enforces. */
interface QueryList {
  service: QueryService;
  /** The request parameter for the page size, and its range (the maximum is the default). */
  limit: string;
  min: number;
  max: number;
  /** The response member that carries the next Marker. */
  nextMarker: string;
  invalid: { code: string; limit: (raw: string | null) => string; marker: string };
}

const QUERY_LISTS: Partial<Record<string, QueryList>> = {
  // "Constraints: Minimum 20, maximum 100."
  DescribeDBInstances: {
    service: RDS,
    limit: 'MaxRecords',
    min: 20,
    max: 100,
    nextMarker: 'Marker',
    invalid: { code: 'InvalidParameterValue', limit: (raw) => `Invalid value ${raw} for MaxRecords. Must be between 20 and 100`, marker: 'The parameter Marker is not a valid pagination token.' },
  },
  // "Valid Range: Minimum value of 1. Maximum value of 400."
  DescribeLoadBalancers: {
    service: ELBV2,
    limit: 'PageSize',
    min: 1,
    max: 400,
    nextMarker: 'NextMarker',
    invalid: {
      code: 'ValidationError',
      limit: (raw) => `1 validation error detected: Value '${raw}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`,
      marker: 'The marker is not valid',
    },
  },
};

function ec2Error(status: number, code: string, message: string): Answer {
  return { status, contentType: 'text/xml;charset=UTF-8', body: renderEc2Error(code, message, randomUUID()) };
}
