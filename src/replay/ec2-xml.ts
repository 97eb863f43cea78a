/**
 * Renders SDK-shaped EC2 results (PascalCase members, as the recorded fixtures hold them) into
 * the EC2 query protocol's XML: lowerCamel element names taken from each member's
 * `locationName` in the EC2 model, lists as a wrapper element of `<item>` children, no
 * `<…Result>` wrapper. See reference/aws-wire.md section 2.
 */

/** List members: their wrapper element (the model's locationName). */
const LIST_NAMES: Record<string, string> = {
  Reservations: 'reservationSet',
  Instances: 'instancesSet',
  Tags: 'tagSet',
  Groups: 'groupSet',
  SecurityGroups: 'groupSet',
  NetworkInterfaces: 'networkInterfaceSet',
  Regions: 'regionInfo',
  AvailabilityZones: 'availabilityZoneInfo',
  Messages: 'messageSet',
  Subnets: 'subnetSet',
  RouteTables: 'routeTableSet',
  Routes: 'routeSet',
  Associations: 'associationSet',
  NatGateways: 'natGatewaySet',
  NatGatewayAddresses: 'natGatewayAddressSet',
  VpcEndpoints: 'vpcEndpointSet',
  SubnetIds: 'subnetIdSet',
  RouteTableIds: 'routeTableIdSet',
  NetworkInterfaceIds: 'networkInterfaceIdSet',
};

/** Scalar or structure members whose element name is not just lowerCamel, keyed `<list>.<member>`. */
const MEMBER_NAMES: Record<string, string> = {
  'Instances.State': 'instanceState',
  'Instances.PublicIpAddress': 'ipAddress',
  'Instances.PublicDnsName': 'dnsName',
  'Instances.StateTransitionReason': 'reason',
  'AvailabilityZones.State': 'zoneState',
  'Regions.Endpoint': 'regionEndpoint',
};

export class FixtureShapeError extends Error {}

const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderValue(name: string, value: unknown, list: string, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    const wrapper = LIST_NAMES[name];
    if (wrapper === undefined) throw new FixtureShapeError(`no EC2 element name known for the list '${name}'`);
    out.push(`<${wrapper}>`);
    for (const item of value) {
      out.push('<item>');
      if (typeof item === 'object' && item !== null) renderMembers(item as Record<string, unknown>, name, out);
      else out.push(escapeXml(String(item)));
      out.push('</item>');
    }
    out.push(`</${wrapper}>`);
    return;
  }
  const element = MEMBER_NAMES[`${list}.${name}`] ?? lowerCamel(name);
  if (typeof value === 'object') {
    out.push(`<${element}>`);
    renderMembers(value as Record<string, unknown>, list, out);
    out.push(`</${element}>`);
    return;
  }
  out.push(`<${element}>${escapeXml(String(value))}</${element}>`);
}

function renderMembers(object: Record<string, unknown>, list: string, out: string[]): void {
  for (const [key, value] of Object.entries(object)) renderValue(key, value, list, out);
}

/** `<DescribeInstancesResponse xmlns=…><requestId/>…members…</DescribeInstancesResponse>` */
export function renderEc2Response(action: string, result: Record<string, unknown>, requestId: string): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">`,
    `<requestId>${requestId}</requestId>`,
  ];
  renderMembers(result, '', out);
  out.push(`</${action}Response>`);
  return out.join('');
}

/** The EC2 error body: `<Response><Errors><Error>…` (note `RequestID`, not `requestId`). */
export function renderEc2Error(code: string, message: string, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${requestId}</RequestID></Response>`
  );
}
