"""The person under supervision and the guarantor report themselves: a personal link and a one-time
code by SMS; what they send is a draft the officer accepts or rejects.
"""
