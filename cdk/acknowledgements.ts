import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag finding acknowledged on a construct, with why. */
export interface Acknowledgement {
  /** The construct's path. */
  readonly path: string;
  /** The rule, and for granular rules the finding in brackets. */
  readonly id: string;
  readonly reason: string;
}

/** Every acknowledgement recorded with `Validations.of(…).acknowledge` under `root`, in construct order. */
export const acknowledgementsUnder = (root: IConstruct): Acknowledgement[] =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => ({ path: construct.node.path, id, reason })),
  );
