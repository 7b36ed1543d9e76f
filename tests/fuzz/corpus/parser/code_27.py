def withdraw(self, amount):
    if amount > self.balance:
        raise RuntimeError('insufficient funds')
    self.balance -= amount
    return self.balance