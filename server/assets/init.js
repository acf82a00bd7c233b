// Mounts GraphiQL on #graphiql. The endpoint and the default query come from
// data attributes that the server fills in, so this file never changes with
// configuration and the page needs no inline script. The query is shown as
// the server wrote it: reformatting it (print of parse) would drop its
// comments.
(function () {
  'use strict';
  var el = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: el.dataset.endpoint || '/graphql' });
  var props = { fetcher: fetcher, defaultEditorToolsVisibility: true };
  if (el.dataset.defaultQuery) {
    props.defaultQuery = el.dataset.defaultQuery;
  }
  el.textContent = '';
  ReactDOM.createRoot(el).render(React.createElement(GraphiQL, props));
})();
