import rule from '../../../server/src/engine/rules/code/nest-exception-filter-leaks-stack';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const filter = (body: string) => ts`
  import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
  import { Response } from 'express';

  @Catch()
  export class AllExceptionsFilter implements ExceptionFilter {
    catch(exception: unknown, host: ArgumentsHost) {
      const response = host.switchToHttp().getResponse<Response>();
      const status = exception instanceof HttpException ? exception.getStatus() : 500;
      ${body}
    }
  }
`;

ruleTester(rule, {
  valid: [
    { name: 'status and a generic message only', filename: 'src/all-exceptions.filter.ts', code: filter("response.status(status).json({ statusCode: status, message: 'Internal error' });") },
    {
      name: 'the stack only outside production',
      filename: 'src/all-exceptions.filter.ts',
      code: filter("response.status(status).json({ statusCode: status, stack: process.env.NODE_ENV === 'production' ? undefined : (exception as Error).stack });"),
    },
    {
      name: 'the stack logged, not sent',
      filename: 'src/all-exceptions.filter.ts',
      code: filter("console.error((exception as Error).stack);\nresponse.status(status).json({ statusCode: status });"),
    },
  ],
  invalid: [
    {
      name: 'a catch-all filter that sends the stack',
      filename: 'src/all-exceptions.filter.ts',
      code: filter('const err = exception as Error;\nresponse.status(status).json({ statusCode: status, message: err.message, stack: err.stack });'),
      errors: [{ messageId: 'filterLeaks', line: 10, text: 'err.stack' }],
    },
    {
      name: 'a handler that returns and throws a caught error\'s stack and query',
      filename: 'src/reports.controller.ts',
      code: ts`
        import { Controller, Get, InternalServerErrorException } from '@nestjs/common';

        @Controller('reports')
        export class ReportsController {
          @Get()
          async list() {
            try {
              return await runReport();
            } catch (e) {
              return { error: e.message, stack: e.stack };
            }
          }

          @Get('raw')
          async raw() {
            try {
              return await runReport();
            } catch (err) {
              throw new InternalServerErrorException({ message: 'failed', sql: err.query });
            }
          }
        }

        declare function runReport(): Promise<unknown>;
      `,
      errors: [
        { messageId: 'handlerLeaks', line: 10, text: 'e.stack' },
        { messageId: 'handlerLeaks', line: 19, text: 'err.query' },
      ],
    },
  ],
});
