def __set_name__(self, owner, name):
    print(f'__set_name__({owner.__name__}, {name!r})')
    Named.order.append(name)
    self.owner = owner
    self.name = name