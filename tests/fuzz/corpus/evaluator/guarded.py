g.x = 1
g.x, g._y