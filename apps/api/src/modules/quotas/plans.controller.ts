import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PlanCatalog } from '@plinth/quota';
import { Public } from '@plinth/tenancy';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { PlanDto } from './dto/plans.dto';

@ApiTags('billing')
@Controller('billing/plans')
export class PlansController {
  constructor(private readonly catalog: PlanCatalog) {}

  @Get()
  @Public()
  @ApiEndpoint({ summary: 'The plan catalog: prices, limits, features', response: PlanDto, isArray: true })
  list(): PlanDto[] {
    return this.catalog.plans;
  }
}
