/**
 * server-side-request-forgery on NestJS handlers: @Query/@Body/@Param inputs into the injected
 * HttpService (@nestjs/axios, also through axiosRef), fetch and axios, followed into services.
 */
import rule from '../../../server/src/engine/rules/code/server-side-request-forgery';
import { ruleTester } from '../../rule-tester';
import { ts } from '../../helpers';

const header = ts`
  import { Body, Controller, Get, Post, Query } from '@nestjs/common';
  import { HttpService } from '@nestjs/axios';
  import { firstValueFrom } from 'rxjs';
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a fixed origin with request data in the path only',
      filename: 'src/proxy.controller.ts',
      code: header + ts`
        @Controller('items')
        export class ItemsController {
          constructor(private readonly http: HttpService) {}

          @Get()
          async find(@Query('id') id: string) {
            return (await firstValueFrom(this.http.get(\`https://api.example.com/items/\${id}\`))).data;
          }
        }
      `,
    },
    {
      name: 'a URL checked against an allow-list first',
      filename: 'src/proxy.controller.ts',
      code: header + ts`
        const ALLOWED = ['https://partner.example.com/feed'];

        @Controller('feeds')
        export class FeedsController {
          constructor(private readonly http: HttpService) {}

          @Post()
          async pull(@Body('url') url: string) {
            if (!ALLOWED.includes(url)) throw new Error('not allowed');
            return (await firstValueFrom(this.http.get(url))).data;
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'HttpService.get and axiosRef.post with a query parameter as the URL',
      filename: 'src/proxy.controller.ts',
      code: header + ts`
        @Controller('proxy')
        export class ProxyController {
          constructor(private readonly http: HttpService) {}

          @Get()
          async fetch(@Query('url') url: string) {
            return (await firstValueFrom(this.http.get(url))).data;
          }

          @Get('raw')
          async raw(@Query('target') target: string) {
            return (await this.http.axiosRef.post(target, {})).data;
          }
        }
      `,
      errors: [
        { messageId: 'ssrf', line: 10, text: 'url' },
        { messageId: 'ssrf', line: 15, text: 'target' },
      ],
    },
    {
      name: 'a webhook URL from the body, fetched in a service the controller calls',
      filename: 'src/webhooks.service.ts',
      code: ts`
        import { Injectable } from '@nestjs/common';

        @Injectable()
        export class WebhooksService {
          async ping(target: string) {
            return fetch(target, { method: 'POST' });
          }
        }
      `,
      files: {
        'src/webhooks.controller.ts': ts`
          import { Body, Controller, Post } from '@nestjs/common';
          import { WebhooksService } from './webhooks.service';

          @Controller('webhooks')
          export class WebhooksController {
            constructor(private readonly webhooks: WebhooksService) {}

            @Post('test')
            test(@Body() body: { url: string }) {
              return this.webhooks.ping(body.url);
            }
          }
        `,
      },
      errors: [{ messageId: 'ssrf', line: 6, text: 'target' }],
    },
  ],
});
