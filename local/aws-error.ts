/** An error the AWS endpoint answers as the exception `type` (`__type`), the class the SDK then raises. */
export const awsError = (type: string, message: string): Error => Object.assign(new Error(message), { type });
