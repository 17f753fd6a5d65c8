import rule from '../../../server/src/engine/rules/openapi/spec-multiple-api-versions';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '2' }
      paths:
        /v2/users: { get: { responses: { '200': { description: ok } } } }
        /v2/orders: { get: { responses: { '200': { description: ok } } } }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.1.0
        info: { title: t, version: '3' }
        paths:
          /v1/users: { get: { responses: { '200': { description: ok } } } }
          /v10/users: { get: { responses: { '200': { description: ok } } } }
          /v2/users: { get: { responses: { '200': { description: ok } } } }
          /v1/orders: { get: { responses: { '200': { description: ok } } } }`,
      errors: [
        { messageId: 'olderVersion', line: 4, text: '/v1/users' },
        { messageId: 'olderVersion', line: 6, text: '/v2/users' },
      ],
    },
  ],
});
