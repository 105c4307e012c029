/** The asl-validator package ships no types; this is the part the tests use. */
declare module 'asl-validator' {
  /** One problem the validator found. */
  export interface AslValidationError {
    readonly message: string;
    readonly path?: string;
  }
  /** Validates an Amazon States Language definition. */
  export default function validator(definition: unknown): { isValid: boolean; errors: AslValidationError[] };
}
