/**
 * route-missing-ownership-check on NestJS: @Param ids into TypeORM repositories and Prisma,
 * directly or through injected services; the principal from @CurrentUser()-style decorators
 * (createParamDecorator) or @Req() req.user in the filter or in a comparison is the safe shape.
 */
import rule from '../../../server/src/engine/rules/code/route-missing-ownership-check';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const currentUser = ts`
  import { createParamDecorator, ExecutionContext } from '@nestjs/common';

  export const CurrentUser = createParamDecorator((data: unknown, ctx: ExecutionContext) => {
    const request = ctx.switchToHttp().getRequest();
    return request.user;
  });
`;

const prisma = ts`
  import { Injectable } from '@nestjs/common';
  import { PrismaClient } from '@prisma/client';

  @Injectable()
  export class PrismaService extends PrismaClient {}
`;

const service = ts`
  import { Injectable } from '@nestjs/common';
  import { PrismaService } from './prisma.service';

  @Injectable()
  export class OrdersService {
    constructor(private readonly prisma: PrismaService) {}

    findOne(id: string) {
      return this.prisma.order.findUnique({ where: { id } });
    }

    findForOwner(id: string, ownerId: string) {
      return this.prisma.order.findFirst({ where: { id, ownerId } });
    }
  }
`;

const header = ts`
  import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
  import { AuthGuard } from '@nestjs/passport';
  import { CurrentUser } from './current-user.decorator';
  import { OrdersService } from './orders.service';
`;

const files = { 'src/current-user.decorator.ts': currentUser, 'src/prisma.service.ts': prisma, 'src/orders.service.ts': service };

ruleTester(rule, {
  valid: [
    {
      name: 'the principal from @CurrentUser() goes into the service filter',
      filename: 'src/orders.controller.ts',
      code: header + ts`
        @UseGuards(AuthGuard('jwt'))
        @Controller('orders')
        export class OrdersController {
          constructor(private readonly orders: OrdersService) {}

          @Get(':id')
          findOne(@Param('id') id: string, @CurrentUser() user: { id: string }) {
            return this.orders.findForOwner(id, user.id);
          }
        }
      `,
      files,
    },
    {
      name: 'the loaded record is compared with req.user',
      filename: 'src/orders.controller.ts',
      code: header + ts`
        import { ForbiddenException } from '@nestjs/common';

        @UseGuards(AuthGuard('jwt'))
        @Controller('orders')
        export class OrdersController {
          constructor(private readonly orders: OrdersService) {}

          @Get(':id')
          async findOne(@Param('id') id: string, @Req() req: { user: { id: string } }) {
            const order = await this.orders.findOne(id);
            if (order?.ownerId !== req.user.id) throw new ForbiddenException();
            return order;
          }
        }
      `,
      files,
    },
  ],
  invalid: [
    {
      name: 'an id from @Param reaches Prisma through the service, reported where the record is loaded',
      filename: 'src/orders.service.ts',
      code: service,
      files: {
        ...files,
        'src/orders.controller.ts': header + ts`
          @UseGuards(AuthGuard('jwt'))
          @Controller('orders')
          export class OrdersController {
            constructor(private readonly orders: OrdersService) {}

            @Get(':id')
            findOne(@Param('id') id: string) {
              return this.orders.findOne(id);
            }
          }
        `,
      },
      errors: [{ messageId: 'unscoped', line: 9, text: 'this.prisma.order.findUnique({ where: { id } })' }],
    },
    {
      name: 'a TypeORM repository delete by id',
      filename: 'src/invoices.controller.ts',
      code: ts`
        import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
        import { AuthGuard } from '@nestjs/passport';
        import { InjectRepository } from '@nestjs/typeorm';
        import { Repository } from 'typeorm';

        class Invoice {
          id!: string;
          ownerId!: string;
        }

        @UseGuards(AuthGuard('jwt'))
        @Controller('invoices')
        export class InvoicesController {
          constructor(@InjectRepository(Invoice) private readonly invoiceRepository: Repository<Invoice>) {}

          @Delete(':id')
          remove(@Param('id') id: string) {
            return this.invoiceRepository.delete(id);
          }
        }
      `,
      errors: [{ messageId: 'unscoped', line: 18, text: 'this.invoiceRepository.delete(id)' }],
    },
  ],
});
