import rule from '../../../server/src/engine/rules/openapi/spec-upload-without-size-limit';
import { ruleTester } from '../../rule-tester';
import { yaml } from '../../helpers';

ruleTester(rule, {
  valid: [
    yaml`
      openapi: 3.1.0
      info: { title: t, version: '1' }
      paths:
        /avatar:
          put:
            requestBody:
              content:
                multipart/form-data:
                  schema:
                    type: object
                    properties:
                      file: { type: string, contentMediaType: image/png, maxLength: 1048576 }
                      doc: { type: string, format: binary, description: 'PDF, at most 5 MB.' }
            responses: { '200': { description: ok } }`,
  ],
  invalid: [
    {
      name: 'a binary body without maxLength, with its fix',
      code: yaml`
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /files:
            post:
              requestBody:
                content:
                  application/octet-stream:
                    schema: { type: string, format: binary }
              responses: { '201': { description: ok } }`,
      errors: [{
        messageId: 'unbounded',
        line: 9,
        text: 'schema',
        suggestions: [yaml`
          openapi: 3.0.3
          info: { title: t, version: '1' }
          paths:
            /files:
              post:
                requestBody:
                  content:
                    application/octet-stream:
                      schema: { type: string, format: binary, maxLength: 10485760 }
                responses: { '201': { description: ok } }`],
      }],
    },
    {
      name: 'Swagger 2 file parameters: one summary, no keyword to add',
      code: yaml`
        swagger: '2.0'
        info: { title: t, version: '1' }
        paths:
          /a:
            post:
              consumes: [multipart/form-data]
              parameters:
                - { name: file, in: formData, type: file }
              responses: { '200': { description: ok } }
          /b:
            post:
              consumes: [multipart/form-data]
              parameters:
                - { name: attachment, in: formData, type: file }
              responses: { '200': { description: ok } }`,
      errors: [{ messageId: 'documentUnbounded', line: 8 }],
    },
  ],
});
