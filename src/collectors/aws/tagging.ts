import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { CallOptions } from './call-options.js';

/** One tagged resource as GetResources reports it. */
export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

/**
 * Every tagged (or once-tagged) resource in the client's region, all pages, 100 per page.
 * GetResources never returns resources that were never tagged, so the EC2 topology calls
 * add the untagged instances, subnets and NAT gateways.
 * https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
 */
export async function getTaggedResources(client: ResourceGroupsTaggingAPIClient, call: CallOptions = {}, onPage?: (count: number) => void): Promise<TaggedResource[]> {
  const found: TaggedResource[] = [];
  // A fresh input object each time: the paginator writes its token into the one it is given.
  for await (const page of paginateGetResources({ client, pageSize: 100 }, {}, call)) {
    const list = page.ResourceTagMappingList ?? [];
    for (const mapping of list) {
      if (!mapping.ResourceARN) continue;
      const tags: Record<string, string> = {};
      for (const tag of mapping.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
      found.push({ arn: mapping.ResourceARN, tags });
    }
    onPage?.(list.length);
  }
  return found;
}
