import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'plinth:isPublic';

/** Marks a route that needs no authentication. Every other route is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
