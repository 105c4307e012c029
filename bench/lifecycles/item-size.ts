import type { AttributeValue } from 'aws-lambda';

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A number's size: one byte per two significant digits, plus one. */
const numberSize = (value: string): number => {
  const digits = value.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
};

/** A value's size without its name, by DynamoDB's rules. */
const valueSize = (value: AttributeValue): number => {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return Buffer.from(value.B, 'base64').byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((total, one) => total + utf8(one), 0);
  if (value.NS !== undefined) return value.NS.reduce((total, one) => total + numberSize(one), 0);
  if (value.BS !== undefined) return value.BS.reduce((total, one) => total + Buffer.from(one, 'base64').byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((total, one) => total + valueSize(one) + 1, 0);
  return 3 + Object.entries(value.M).reduce((total, [name, one]) => total + utf8(name) + valueSize(one) + 1, 0);
};

/**
 * An item's size as DynamoDB bills it: each attribute's UTF-8 name plus its value; a number one byte per
 * two significant digits plus one; a list or map 3 bytes plus one byte per element
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export const itemSize = (item: Readonly<Record<string, AttributeValue>>): number =>
  Object.entries(item).reduce((total, [name, value]) => total + utf8(name) + valueSize(value), 0);

/** Write units of a standard write of an item of `bytes` bytes: one per started kilobyte. */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
