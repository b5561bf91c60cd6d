import { ApiProperty } from '@nestjs/swagger';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() isPlatformAdmin: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
