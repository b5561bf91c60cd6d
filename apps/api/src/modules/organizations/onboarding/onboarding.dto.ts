import { ApiProperty } from '@nestjs/swagger';

/** The getting-started checklist: each step done or not, for the caller and the organization. */
export class OnboardingDto {
  @ApiProperty({ description: 'The caller’s address is confirmed' }) emailVerified: boolean;
  @ApiProperty() siteCreated: boolean;
  @ApiProperty() postWritten: boolean;
  @ApiProperty({ description: 'Someone else was invited or has joined' }) colleagueInvited: boolean;
  @ApiProperty() apiKeyCreated: boolean;
  @ApiProperty({ description: 'An API key of the organization has made a request' }) apiCalled: boolean;
}
