import { PipeTransform } from '@nestjs/common';
import { Dimension, DIMENSIONS } from '@plinth/quota';
import { ValidationFailedError } from '@plinth/tenancy';

export class ParseDimensionPipe implements PipeTransform<string, Dimension> {
  transform(value: string): Dimension {
    if ((DIMENSIONS as readonly string[]).includes(value)) return value as Dimension;
    throw new ValidationFailedError('Unknown quota dimension', [{ field: 'dimension', problems: [`one of ${DIMENSIONS.join(', ')}`] }]);
  }
}
