import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from './jwt-auth.guard';
import { InvoicesService } from './invoices.service';

@Controller('v1/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  // Correct: guarded, and scoped to the caller.
  @UseGuards(JwtAuthGuard)
  @Get()
  list(@Req() req: { user: { id: string } }) {
    return this.invoices.forUser(req.user.id);
  }

  // Flaw: no guard on this handler, none on the controller, no global guard.
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.invoices.findById(id);
  }
}
