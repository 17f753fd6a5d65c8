import rule from '../../../server/src/engine/rules/openapi/spec-missing-rate-limit-response';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths:
        /a:
          get:
            responses:
              '200': { description: ok }
              '429': { $ref: '#/components/responses/TooMany' }
      components:
        responses:
          TooMany: { description: slow down }`,
  ],
  invalid: [
    {
      name: 'the one operation in three without 429 gets a safe fix with Retry-After',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /a:
            get:
              responses:
                '200': { description: ok }
                '429': { description: slow down }
          /b:
            get:
              responses:
                '200': { description: ok }
                '429': { description: slow down }
          /c:
            post:
              responses:
                '201': { description: created }`,
      errors: [{
        messageId: 'missing',
        line: 15,
        text: 'post',
        output: yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /a:
              get:
                responses:
                  '200': { description: ok }
                  '429': { description: slow down }
            /b:
              get:
                responses:
                  '200': { description: ok }
                  '429': { description: slow down }
            /c:
              post:
                responses:
                  '201': { description: created }
                  '429':
                    description: "Too many requests: the client is rate limited."
                    headers:
                      Retry-After:
                        description: Seconds to wait before retrying.
                        schema:
                          type: integer`,
      }],
    },
    {
      name: 'a document without any 429: one summary, fixable in one step (Swagger 2 headers)',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a: { get: { responses: { '200': { description: ok } } } }
          /b: { post: { responses: { '200': { description: ok } } } }`,
      errors: [{
        messageId: 'documentMissing',
        line: 3,
        text: 'paths',
        suggestions: [yaml`
          swagger: '2.0'
          info: { title: t, version: '1' }
          paths:
            /a: { get: { responses: { '200': { description: ok }, '429': { description: "Too many requests: the client is rate limited.", headers: { Retry-After: { description: Seconds to wait before retrying., type: integer } } } } } }
            /b: { post: { responses: { '200': { description: ok }, '429': { description: "Too many requests: the client is rate limited.", headers: { Retry-After: { description: Seconds to wait before retrying., type: integer } } } } } }`],
      }],
    },
  ],
});
