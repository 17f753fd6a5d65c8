import rule from '../../../server/src/engine/rules/openapi/spec-deprecated-operation';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.0.3
      info: { title: t, version: '1' }
      paths:
        /a: { get: { deprecated: false, responses: { '200': { description: ok } } } }`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /old:
            get:
              deprecated: true
              description: Sunset on 2026-01-01.
              responses: { '200': { description: ok } }
          /older:
            get:
              deprecated: true
              responses: { '200': { description: ok } }`,
      errors: [
        { messageId: 'deprecated', line: 6, text: 'deprecated' },
        { messageId: 'deprecated', line: 11, text: 'deprecated' },
      ],
    },
    {
      name: 'more than 25 deprecated operations: one summary',
      code: "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n"
        + Array.from({ length: 26 }, (_, i) => `  /old${i}:\n    get: { deprecated: true, responses: { '200': { description: ok } } }\n`).join(''),
      errors: [{ messageId: 'documentDeprecated', line: 5, text: 'deprecated' }],
    },
  ],
});
