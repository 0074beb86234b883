/**
 * One error class for every refusal rather than one per code: the server only needs the code
 * and the HTTP status to answer, and `@aws-sdk/client-kms` rebuilds the modelled exception from
 * the code (`__type`), so callers catch what they would catch against AWS.
 */

/** The codes the API answers with (`__type`); the SDK throws the class of that name. */
export type KmsErrorCode =
  | 'AlreadyExistsException'
  | 'InvalidKeyUsageException'
  | 'InvalidMarkerException'
  | 'KMSInternalException'
  | 'KMSInvalidMacException'
  | 'KMSInvalidSignatureException'
  | 'NotFoundException'
  | 'SerializationException'
  | 'TagException'
  | 'UnknownOperationException'
  | 'UnsupportedOperationException'
  | 'ValidationException';

/** A refusal the API answers with this code and HTTP status. */
export class KmsApiError extends Error {
  override readonly name: KmsErrorCode;
  constructor(
    code: KmsErrorCode,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}
