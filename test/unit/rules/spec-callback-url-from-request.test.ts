import rule from '../../../server/src/engine/rules/openapi/spec-callback-url-from-request';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths:
        /jobs:
          post:
            callbacks:
              done:
                'https://hooks.example.com/jobs':
                  post:
                    responses: { '200': { description: ok } }
            responses: { '202': { description: ok } }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
          /subscriptions:
            post:
              callbacks:
                onEvent:
                  '{$request.body#/callbackUrl}':
                    post:
                      responses: { '200': { description: ok } }
                    put:
                      responses: { '200': { description: ok } }
              responses: { '201': { description: ok } }`,
      errors: [{ messageId: 'fromRequest', line: 8, text: "'{$request.body#/callbackUrl}'" }],
    },
  ],
});
