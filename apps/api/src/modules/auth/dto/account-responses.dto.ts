import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from '../../users/dto/user.dto';

export class UserResultDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
}

/** One signed-in device: a refresh-token family. */
export class SessionDto {
  @ApiProperty({ format: 'uuid', description: 'The session’s id (its refresh-token family); DELETE /auth/sessions/{id} signs it out' })
  id: string;

  @ApiProperty({ format: 'date-time', description: 'When the session signed in' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'When it last signed in or refreshed its tokens' })
  lastUsedAt: string;

  @ApiProperty({ type: String, nullable: true, description: 'The user agent of its last sign-in or refresh' })
  userAgent: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The IP address of its last sign-in or refresh' })
  ip: string | null;

  @ApiProperty({ description: 'The session of the access token making this request' })
  current: boolean;
}
