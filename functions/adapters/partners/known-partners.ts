import { ManualPartner } from './manual-partner.ts';
import { PartnerDirectory } from './partner-directory.ts';
import type { PartnerClient } from './partner-gateway.ts';

/** The partner clients this build has, by id. */
const CLIENTS: Readonly<Record<string, () => PartnerClient>> = {
  manual: () => new ManualPartner(),
};

/** The ids of the partners this build has a client for. */
export const KNOWN_PARTNER_IDS: readonly string[] = Object.keys(CLIENTS);

/** A directory of the configured partners; a partner this build has no client for is a configuration error. */
export const partnerDirectoryFor = (partnerIds: readonly string[]): PartnerDirectory => {
  const clients: Record<string, PartnerClient> = {};
  for (const id of partnerIds) {
    const client = CLIENTS[id];
    if (!client) throw new Error(`no client for partner ${id}; this build knows ${Object.keys(CLIENTS).join(', ')}`);
    clients[id] = client();
  }
  return new PartnerDirectory(clients);
};
