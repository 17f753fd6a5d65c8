import { Body, Controller, Get, Param, Post, Req, UseGuards, ValidationPipe } from '@nestjs/common';
import { CreateInvoiceDto } from './create-invoice.dto';
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

  // Correct: guarded, DTO validated with a whitelisting ValidationPipe (see create-invoice.dto.ts for a limit drift).
  @UseGuards(JwtAuthGuard)
  @Post()
  create(@Req() req: { user: { id: string } }, @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) dto: CreateInvoiceDto) {
    return this.invoices.create(req.user.id, dto.note, dto.amount);
  }

  // Flaw: no guard on this handler, none on the controller, no global guard.
  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.invoices.findById(id);
  }
}
