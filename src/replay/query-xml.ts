import { escapeXml, FixtureShapeError } from './ec2-xml.js';

/**
 * Renders SDK-shaped results (as the recorded fixtures hold them) into the awsQuery protocol's
 * XML, the one STS, RDS and Elastic Load Balancing v2 speak: a `<{Action}Response>` root holding a
 * `<{Action}Result>` wrapper and `<ResponseMetadata>`, element names equal to the PascalCase
 * member names, never EC2's `<item>` for list members. Each service names them its own way, as
 * botocore's service-2.json has it: RDS by each list's `locationName` (DBInstanceList →
 * `DBInstance`, TagList → `Tag`), ELBv2, which sets none, `member` throughout.
 */
export interface QueryService {
  /** For messages: `RDS`. */
  name: string;
  /** The `Version` of its requests. */
  version: string;
  namespace: string;
  /** The element name of a list's members; undefined for a list the renderer does not know. */
  listMember(list: string): string | undefined;
}

/** The child element of each list member of DBInstance that the fixtures use. */
const RDS_LIST_MEMBERS: Record<string, string> = {
  DBInstances: 'DBInstance',
  TagList: 'Tag',
  VpcSecurityGroups: 'VpcSecurityGroupMembership',
  DBSecurityGroups: 'DBSecurityGroup',
  DBParameterGroups: 'DBParameterGroup',
  Subnets: 'Subnet',
  ReadReplicaDBInstanceIdentifiers: 'ReadReplicaDBInstanceIdentifier',
  ReadReplicaDBClusterIdentifiers: 'ReadReplicaDBClusterIdentifier',
  OptionGroupMemberships: 'OptionGroupMembership',
  StatusInfos: 'DBInstanceStatusInfo',
  AssociatedRoles: 'DBInstanceRole',
};

export const RDS: QueryService = {
  name: 'RDS',
  version: '2014-10-31',
  namespace: 'http://rds.amazonaws.com/doc/2014-10-31/',
  listMember: (list) => RDS_LIST_MEMBERS[list],
};

export const ELBV2: QueryService = {
  name: 'ELBv2',
  version: '2015-12-01',
  namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  listMember: () => 'member',
};

function renderValue(service: QueryService, name: string, value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    const member = service.listMember(name);
    if (member === undefined) throw new FixtureShapeError(`no ${service.name} element name known for the list '${name}'`);
    out.push(`<${name}>`);
    for (const item of value) {
      out.push(`<${member}>`);
      if (typeof item === 'object' && item !== null) renderMembers(service, item as Record<string, unknown>, out);
      else out.push(escapeXml(String(item)));
      out.push(`</${member}>`);
    }
    out.push(`</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    renderMembers(service, value as Record<string, unknown>, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

function renderMembers(service: QueryService, object: Record<string, unknown>, out: string[]): void {
  for (const [key, value] of Object.entries(object)) renderValue(service, key, value, out);
}

/** `<DescribeDBInstancesResponse xmlns=…><DescribeDBInstancesResult>…</…Result><ResponseMetadata>…` */
export function renderQueryResponse(service: QueryService, action: string, result: Record<string, unknown>, requestId: string): string {
  const out: string[] = [`<${action}Response xmlns="${service.namespace}">`, `<${action}Result>`];
  renderMembers(service, result, out);
  out.push(`</${action}Result>`, `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`, `</${action}Response>`);
  return out.join('');
}

/** The awsQuery error body: `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/>…` */
export function renderQueryError(service: QueryService, type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${service.namespace}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
