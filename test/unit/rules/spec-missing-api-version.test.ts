import rule from '../../../server/src/engine/rules/openapi/spec-missing-api-version';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.1.0
      info: { title: t, version: '2024-05-01' }
      paths: {}`,
  ],
  invalid: [
    {
      code: yaml`
        openapi: 3.0.3
        info:
          title: t
        paths: {}`,
      errors: [{ messageId: 'missing', line: 2, text: 'info' }],
    },
    {
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '' }
        paths: {}`,
      errors: [{ messageId: 'missing', line: 2, text: 'version' }],
    },
  ],
});
