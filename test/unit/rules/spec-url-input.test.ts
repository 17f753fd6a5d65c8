import rule from '../../../server/src/engine/rules/openapi/spec-url-input';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'URLs only in responses, pinned hosts, enums, a target that is not a URL',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /hooks:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        slackUrl: { type: string, pattern: '^https://hooks\\.slack\\.com/' }
                        region: { type: string, enum: [eu, us] }
                        target: { type: string, description: The field to extract. }
              responses:
                '201':
                  description: ok
                  content:
                    application/json:
                      schema: { type: object, properties: { html_url: { type: string, format: uri } } }`,
    },
  ],
  invalid: [
    {
      name: 'several URL fields of one body: one finding at the body',
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /webhooks:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        callbackUrl: { type: string }
                        avatar: { type: string, format: uri }
                        endpoint: { type: string, description: 'The URL we POST events to.' }
              responses: { '201': { description: ok } }`,
      errors: [{ messageId: 'urlInput', line: 9, text: 'schema' }],
    },
    {
      name: 'a Swagger 2 query parameter',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /preview:
            get:
              parameters:
                - { name: imageUrl, in: query, type: string }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'urlInput', line: 7 }],
    },
    {
      name: 'URL inputs in more than 25 places: one summary',
      code: "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n"
        + Array.from({ length: 26 }, (_, i) => `  /p${i}:\n    get:\n      parameters: [{ name: redirect_uri, in: query, schema: { type: string } }]\n      responses: { '200': { description: ok } }\n`).join(''),
      errors: [{ messageId: 'documentUrlInput', line: 6 }],
    },
  ],
});
