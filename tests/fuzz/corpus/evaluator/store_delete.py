store.delete('user:1')
store.keys()