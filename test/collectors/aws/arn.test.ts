import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arnName, parseArn, resourceType } from '../../../src/collectors/aws/arn.js';

test('ARNs split into at most six parts and types read as <service>:<type>', () => {
  const cases: [string, string, string, string, string][] = [
    ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', 'ec2:instance', 'us-east-1', '123456789012', 'i-0abc'],
    ['arn:aws:rds:eu-west-1:123456789012:db:orders-db', 'rds:db', 'eu-west-1', '123456789012', 'orders-db'],
    ['arn:aws:s3:::my-bucket', 's3:bucket', '', '', 'my-bucket'],
    ['arn:aws:sqs:us-east-1:123456789012:jobs', 'sqs:queue', 'us-east-1', '123456789012', 'jobs'],
    ['arn:aws:sns:us-east-1:123456789012:events', 'sns:topic', 'us-east-1', '123456789012', 'events'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:fn:PROD', 'lambda:function', 'eu-west-1', '123456789012', 'PROD'],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/ledger', 'dynamodb:table', 'us-east-1', '123456789012', 'ledger'],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188', 'elasticloadbalancing:loadbalancer', 'us-east-1', '123456789012', 'web'],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/2c7e4a9f1d3b5e80', 'elasticloadbalancing:loadbalancer', 'us-east-1', '123456789012', 'edge'],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067', 'elasticloadbalancing:targetgroup', 'us-east-1', '123456789012', 'web-tg'],
    ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/classic-web', 'elasticloadbalancing:loadbalancer', 'us-east-1', '123456789012', 'classic-web'],
    ['arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE', 'cloudfront:distribution', '', '123456789012', 'EDFDVBD6EXAMPLE'],
  ];
  for (const [text, type, region, account, tail] of cases) {
    const arn = parseArn(text);
    assert.ok(arn, text);
    assert.deepEqual([resourceType(arn), arn.region, arn.account, arnName(arn)], [type, region, account, tail], text);
  }
  assert.equal(parseArn('arn:aws:lambda:eu-west-1:123456789012:function:fn:PROD')?.resource, 'function:fn:PROD');
});

test('strings that are not ARNs do not parse', () => {
  for (const text of ['', 'i-0abc', 'arn:aws:s3::', 'arn::s3:::bucket', 'urn:aws:s3:::bucket', 'arn:aws:s3:::']) {
    assert.equal(parseArn(text), undefined, text);
  }
});
