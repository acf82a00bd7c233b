// Mounts GraphiQL on #graphiql. The endpoint and the default query come from
// data attributes that the server fills in, so this file never changes with
// configuration and the page needs no inline script.
(function () {
  'use strict';
  var el = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: el.dataset.endpoint || '/graphql' });
  var props = { fetcher: fetcher, defaultEditorToolsVisibility: true };
  var query = el.dataset.defaultQuery;
  if (query) {
    // Show the configured query laid out on lines; keep it as given if it
    // does not parse.
    try {
      query = GraphiQL.GraphQL.print(GraphiQL.GraphQL.parse(query));
    } catch (e) {}
    props.defaultQuery = query;
  }
  el.textContent = '';
  ReactDOM.createRoot(el).render(React.createElement(GraphiQL, props));
})();
