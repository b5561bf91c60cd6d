import { DomainError, ValidationFailedError } from '@plinth/tenancy';

export class MediaTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${maxBytes} bytes`, { maxBytes });
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(contentType: string, allowed: readonly string[]) {
    super('UNSUPPORTED_MEDIA_TYPE', `Files of type ${contentType} are not accepted`, { contentType, allowed });
  }
}

export class InvalidUploadError extends ValidationFailedError {
  constructor(problem: string) {
    super(`Invalid request: file`, [{ field: 'file', problems: [problem] }]);
  }
}

export class ContentMismatchError extends DomainError {
  constructor(declaredType: string, detectedType: string | null) {
    super('UNSUPPORTED_MEDIA_TYPE', `The file’s bytes are not ${declaredType}`, { contentType: declaredType, detectedType });
  }
}
