// The engine's own namespaces, used by every component: one list here instead of a header in each file.
global using TradeX.Core.Book;
global using TradeX.Core.Collections;
global using TradeX.Core.Positions;
global using TradeX.Core.Reference;
global using TradeX.Core.Risk;
global using TradeX.Core.Routing;
