import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectReplayedEstate } from '../../src/cli/aws-options.js';
import type { Io } from '../../src/cli/io.js';
import { estateDir } from '../helpers/replay.js';

test('the demo estate collects through the SDK: checkout spans three zones behind one NAT gateway in euw1-az1', async () => {
  let stderr = '';
  const io: Io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: process.cwd() };
  const snapshot = await collectReplayedEstate(estateDir('demo-company'), io);
  assert.equal(stderr, '');
  assert.deepEqual(snapshot.coverage, [{ provider: 'aws', accounts: ['111111111111'], regions: ['eu-west-1', 'us-east-1'] }]);
  const app = (name: string) => snapshot.resources.filter((r) => r.tags.app === name);
  const checkoutWeb = app('checkout').filter((r) => r.type === 'ec2:instance');
  assert.deepEqual(checkoutWeb.map((r) => r.zone).sort(), ['euw1-az1', 'euw1-az2', 'euw1-az3']);
  const nat = snapshot.resources.find((r) => r.type === 'ec2:natgateway' && r.region === 'eu-west-1');
  assert.equal(nat?.zone, 'euw1-az1');
  for (const instance of checkoutWeb) assert.deepEqual(instance.requires, [nat?.id]);
  assert.deepEqual(app('checkout').map((r) => r.type).sort(), ['ec2:instance', 'ec2:instance', 'ec2:instance', 'rds:db', 's3:bucket']);
  // orders-db is Single-AZ (eu-west-1b, which is euw1-az2 in this account); payments-db is Multi-AZ.
  const db = (name: string) => snapshot.resources.find((r) => r.type === 'rds:db' && r.name === name);
  assert.deepEqual([db('orders-db')?.placement, db('orders-db')?.zone], ['zonal', 'euw1-az2']);
  assert.deepEqual([db('payments-db')?.placement, db('payments-db')?.zone], ['regional', undefined]);
  assert.deepEqual(app('payments').map((r) => `${r.type} ${r.zone ?? r.region}`).sort(), [
    'dynamodb:table us-east-1', 'ec2:instance use1-az1', 'ec2:instance use1-az2', 'rds:db us-east-1',
  ]);
  assert.deepEqual(app('search').map((r) => r.zone), ['use1-az4', 'use1-az4']);
  assert.deepEqual(app('auth').map((r) => r.type).sort(), ['dynamodb:table', 'lambda:function']);
  assert.deepEqual(app('reports').map((r) => `${r.type} ${r.region}`).sort(), ['ec2:instance eu-west-1', 'sqs:queue eu-west-1']);
});
