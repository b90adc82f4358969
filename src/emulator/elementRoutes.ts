/** `GET /elements` (paged, filtered by `where`) and `GET /elements/{keyOrId}`. */
import { matchesWhere, parseWhere } from './ceql';
import type { EmulatorServices, Handler } from './context';
import { jsonReply } from './http';
import { pageHeaders, paginate } from './paging';

export function listElementsHandler(services: EmulatorServices): Handler {
  return (request) => {
    const all = services.elements.list();
    const positions = new Map(all.map((element, index) => [element.key, index]));
    const where = request.query.get('where');
    const conditions = where === null ? undefined : parseWhere(where);
    // Catalog elements are the public ones: none is private to the account.
    const elements = conditions ? all.filter((element) => matchesWhere({ ...element, private: false }, conditions)) : all;
    const page = paginate(elements, (element) => positions.get(element.key)!, request.query, 'elements');
    return jsonReply(200, page.items.map((element) => services.elements.summary(element)), pageHeaders(page));
  };
}

export function getElementHandler(services: EmulatorServices): Handler {
  return (request) => jsonReply(200, services.elements.summary(services.elements.require(request.params.keyOrId!)));
}
