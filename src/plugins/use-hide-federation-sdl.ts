import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** `_service` on the root query type: the federation SDL, the whole schema in one string. */
const NoFederationSdl: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '_service') return;
    if (context.getParentType() !== context.getSchema().getQueryType()) return;
    context.reportError(
      new GraphQLError(
        'The federation SDL (_service) is not served here: FEDERATION_SDL is off, as introspection is',
        { nodes: node, extensions: { code: 'FORBIDDEN' } },
      ),
    );
  },
});

/**
 * Refuses `_service { sdl }` where introspection is off: it publishes the schema as `__schema` does.
 * A router that composes at run time needs it (`FEDERATION_SDL=true`); one that composes ahead of
 * time (a supergraph file) does not. `_entities` stays served.
 */
export function useHideFederationSdl(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoFederationSdl);
    },
  };
}
