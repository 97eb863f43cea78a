import { escapeXml, FixtureShapeError } from './ec2-xml.js';

/**
 * Renders SDK-shaped RDS results (as the recorded fixtures hold them) into the awsQuery
 * protocol's XML, the one STS and RDS speak: a `<{Action}Response>` root holding a
 * `<{Action}Result>` wrapper and `<ResponseMetadata>`, element names equal to the PascalCase
 * member names, and each list a wrapper element whose children are named by the list member's
 * `locationName` in botocore's rds/2014-10-31/service-2.json (DBInstanceList → `DBInstance`,
 * TagList → `Tag`), never EC2's `<item>`.
 */

export const RDS_VERSION = '2014-10-31';
const RDS_NAMESPACE = `http://rds.amazonaws.com/doc/${RDS_VERSION}/`;

/** The child element of each list member of DBInstance that the fixtures use. */
const LIST_MEMBERS: Record<string, string> = {
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

function renderValue(name: string, value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    const member = LIST_MEMBERS[name];
    if (member === undefined) throw new FixtureShapeError(`no RDS element name known for the list '${name}'`);
    out.push(`<${name}>`);
    for (const item of value) {
      out.push(`<${member}>`);
      if (typeof item === 'object' && item !== null) renderMembers(item as Record<string, unknown>, out);
      else out.push(escapeXml(String(item)));
      out.push(`</${member}>`);
    }
    out.push(`</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    renderMembers(value as Record<string, unknown>, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

function renderMembers(object: Record<string, unknown>, out: string[]): void {
  for (const [key, value] of Object.entries(object)) renderValue(key, value, out);
}

/** `<DescribeDBInstancesResponse xmlns=…><DescribeDBInstancesResult>…</…Result><ResponseMetadata>…` */
export function renderRdsResponse(action: string, result: Record<string, unknown>, requestId: string): string {
  const out: string[] = [`<${action}Response xmlns="${RDS_NAMESPACE}">`, `<${action}Result>`];
  renderMembers(result, out);
  out.push(`</${action}Result>`, `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`, `</${action}Response>`);
  return out.join('');
}

/** The awsQuery error body: `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/>…` */
export function renderQueryError(type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${RDS_NAMESPACE}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
